// A local SMTP sink for the demo: the notifications backend's email module
// sends to it, it keeps every message it receives as an .eml file, and shows
// them on a small local web page. Nothing leaves the machine.
//
//   node examples/mail/sink.mjs [--smtp-port 2525] [--http-port 1080] [--dir .data/mail]
//
// --smtp-port 0 / --http-port 0 pick free ports; --json prints one JSON line
// when ready ({ smtpPort, httpUrl, directory }) and stops when stdin closes,
// so that a test that dies takes the sink with it.
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

const HOST = '127.0.0.1';
/** The largest message the sink takes, in bytes. */
const MAX_MESSAGE_BYTES = 1024 * 1024;

function escapeHtml(text) {
  return String(text ?? '').replace(
    /[&<>"']/g,
    c =>
      ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[
        c
      ]),
  );
}

/** A received message, parsed, as the page and `/messages` show it. */
async function readMessage(directory, file) {
  const raw = await fsp.readFile(path.join(directory, file));
  const mail = await simpleParser(raw);
  return {
    id: file.replace(/\.eml$/, ''),
    from: mail.from?.text ?? '',
    to: mail.to ? [mail.to].flat().map(address => address.text) : [],
    subject: mail.subject ?? '',
    date: (mail.date ?? new Date(0)).toISOString(),
    text: mail.text ?? '',
    headers: Object.fromEntries(
      mail.headerLines.map(({ key, line }) => [
        key,
        line.slice(line.indexOf(':') + 1).trim(),
      ]),
    ),
  };
}

async function listMessages(directory) {
  const files = (await fsp.readdir(directory))
    .filter(file => file.endsWith('.eml'))
    .sort()
    .reverse();
  return Promise.all(files.map(file => readMessage(directory, file)));
}

function page(messages) {
  const items = messages
    .map(
      m => `<article>
  <h2>${escapeHtml(m.subject)}</h2>
  <p class="meta">From ${escapeHtml(m.from)} to ${escapeHtml(
        m.to.join(', '),
      )}, ${escapeHtml(m.date)} · <a href="/messages/${encodeURIComponent(
        m.id,
      )}.eml">raw</a></p>
  <pre>${escapeHtml(m.text)}</pre>
</article>`,
    )
    .join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Mail sink</title>
<style>body{font-family:sans-serif;max-width:60rem;margin:2rem auto;color:#1a1a1a}
article{border-top:1px solid #888;padding:1rem 0}.meta{color:#444}
pre{white-space:pre-wrap;background:#f4f4f4;padding:1rem}</style></head>
<body><h1>Mail sink: ${messages.length} message(s)</h1>
${items || '<p>Nothing received yet.</p>'}
</body></html>`;
}

/**
 * Starts the sink: SMTP on `smtpPort`, the page on `httpPort`, messages
 * kept in `directory`. Resolves when both listen.
 */
export async function startMailSink({
  smtpPort = 2525,
  httpPort = 1080,
  directory = path.resolve('.data', 'mail'),
} = {}) {
  fs.mkdirSync(directory, { recursive: true });
  let count = 0;
  const smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    size: MAX_MESSAGE_BYTES,
    banner: 'Rollout demo mail sink',
    onData(stream, session, callback) {
      const chunks = [];
      stream.on('data', chunk => chunks.push(chunk));
      stream.on('end', () => {
        if (stream.sizeExceeded) {
          callback(new Error('Message too large'));
          return;
        }
        count += 1;
        const name = `${new Date().toISOString().replace(/[:.]/g, '-')}-${
          process.pid
        }-${count}.eml`;
        fsp
          .writeFile(path.join(directory, name), Buffer.concat(chunks))
          .then(() => callback(), callback);
      });
    },
  });
  await new Promise((resolve, reject) => {
    smtp.once('error', reject);
    smtp.listen(smtpPort, HOST, resolve);
  });

  const web = http.createServer(async (req, res) => {
    try {
      const url = new URL(req.url ?? '/', `http://${HOST}`);
      if (url.pathname === '/') {
        res.setHeader('Content-Type', 'text/html; charset=utf-8');
        res.end(page(await listMessages(directory)));
      } else if (url.pathname === '/messages') {
        res.setHeader('Content-Type', 'application/json');
        res.end(JSON.stringify(await listMessages(directory)));
      } else if (/^\/messages\/[\w.-]+\.eml$/.test(url.pathname)) {
        const file = path.basename(url.pathname);
        res.setHeader('Content-Type', 'message/rfc822');
        res.end(await fsp.readFile(path.join(directory, file)));
      } else {
        res.statusCode = 404;
        res.end('Not found');
      }
    } catch (error) {
      res.statusCode = error.code === 'ENOENT' ? 404 : 500;
      res.end(String(error.message));
    }
  });
  await new Promise((resolve, reject) => {
    web.once('error', reject);
    web.listen(httpPort, HOST, resolve);
  });

  return {
    smtpPort: smtp.server.address().port,
    httpUrl: `http://${HOST}:${web.address().port}`,
    directory,
    async stop() {
      await Promise.all([
        new Promise(resolve => smtp.close(resolve)),
        new Promise(resolve => web.close(resolve)),
      ]);
    },
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({
    options: {
      'smtp-port': { type: 'string', default: '2525' },
      'http-port': { type: 'string', default: '1080' },
      dir: { type: 'string', default: path.join('.data', 'mail') },
      json: { type: 'boolean', default: false },
    },
  });
  const sink = await startMailSink({
    smtpPort: Number(values['smtp-port']),
    httpPort: Number(values['http-port']),
    directory: path.resolve(values.dir),
  });
  if (values.json) {
    console.log(
      JSON.stringify({
        smtpPort: sink.smtpPort,
        httpUrl: sink.httpUrl,
        directory: sink.directory,
      }),
    );
    process.stdin.resume();
    process.stdin.on('end', () => sink.stop().then(() => process.exit(0)));
  } else {
    console.log(
      `mail sink: SMTP on ${HOST}:${sink.smtpPort}, messages at ${sink.httpUrl} and in ${sink.directory}`,
    );
  }
  const stop = () => sink.stop().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
