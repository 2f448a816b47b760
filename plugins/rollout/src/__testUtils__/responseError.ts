import { ResponseError } from '@backstage/errors';

/**
 * The `ResponseError` that `RolloutClient` rejects with when the backend
 * answers with the error body Backstage's error handler writes.
 */
export function responseError(
  status: number,
  statusText: string,
  error: { name: string; message: string; reason?: string },
): Promise<ResponseError> {
  return ResponseError.fromResponse(
    new Response(JSON.stringify({ error, response: { statusCode: status } }), {
      status,
      statusText,
      headers: { 'Content-Type': 'application/json' },
    }),
  );
}
