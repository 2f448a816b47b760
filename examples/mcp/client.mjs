// An MCP client of the rollout actions, with the official MCP TypeScript SDK:
// what an assistant sees. Against a running `npm start`:
//
//   node examples/mcp/client.mjs                      # lists the tools
//   node examples/mcp/client.mjs list-my-pending-signoffs
//   node examples/mcp/client.mjs decide-signoff '{"rolloutId":"…","signOffId":"qa-lead","decision":"approved"}'
//
// It signs in as the local guest (a Backstage user token, valid for an hour);
// set ROLLOUT_TOKEN to use another token, BACKSTAGE_URL for another backend.
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';

const backend = process.env.BACKSTAGE_URL ?? 'http://localhost:7007';

async function guestToken() {
  const response = await fetch(`${backend}/api/auth/guest/refresh`);
  if (!response.ok) {
    throw new Error(`guest sign-in failed: ${response.status}`);
  }
  return (await response.json()).backstageIdentity.token;
}

const token = process.env.ROLLOUT_TOKEN ?? (await guestToken());
const client = new Client({ name: 'rollout-example', version: '1.0.0' });
await client.connect(
  new StreamableHTTPClientTransport(
    new URL(`${backend}/api/mcp-actions/v1/rollout`),
    { requestInit: { headers: { Authorization: `Bearer ${token}` } } },
  ),
);

const [tool, args] = process.argv.slice(2);
if (!tool) {
  const { tools } = await client.listTools();
  for (const { name, title, annotations } of tools) {
    const hints = Object.entries(annotations ?? {})
      .filter(([key, value]) => key.endsWith('Hint') && value)
      .map(([key]) => key.replace(/Hint$/, ''));
    console.log(`${name}  ${title ?? ''}  [${hints.join(', ')}]`);
  }
} else {
  const result = await client.callTool({
    name: tool.includes('.') ? tool : `rollout.${tool}`,
    arguments: args ? JSON.parse(args) : {},
  });
  for (const content of result.content) {
    console.log(content.type === 'text' ? content.text : content);
  }
  if (result.isError) {
    process.exitCode = 1;
  }
}
await client.close();
