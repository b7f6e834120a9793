// Loaded with `node --import` before the Portkey gateway. Portkey 1.15.2 builds its streamed
// responses with `new Response(body, upstreamResponse)` and then appends headers to them; with the
// @hono/node-server its dependency range installs today those headers are fetch's immutable ones,
// so every stream fails with "TypeError: immutable" (Portkey-AI/gateway#1389, #1550). This does
// what the proposed fix (#1551) does: hand Portkey upstream streams whose headers it may change.
// Other responses pass untouched, so Portkey's JSON path pays nothing for it.
const originalFetch = globalThis.fetch;
const OriginalResponse = globalThis.Response;

globalThis.fetch = async function (...args) {
  const response = await originalFetch.apply(this, args);
  if (!(response.headers.get('content-type') || '').startsWith('text/event-stream')) return response;
  return new OriginalResponse(response.body, {
    status: response.status,
    statusText: response.statusText,
    headers: new Headers(response.headers),
  });
};
