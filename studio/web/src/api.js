// The studio's JSON API. The session cookie (HttpOnly, set when the page was opened with the address the
// console printed) authenticates every request; the page itself never sees the token. POSTs are JSON, which
// is what the server requires of cookie-authenticated requests.

export class ApiError extends Error {
  constructor(status, body) {
    super(body?.error || `HTTP ${status}`);
    this.status = status;
    this.body = body;
  }
}

async function parse(res) {
  const text = await res.text();
  let body = null;
  try { body = text ? JSON.parse(text) : null; } catch { body = { error: text }; }
  if (!res.ok) throw new ApiError(res.status, body);
  return body;
}

export async function get(url) {
  return parse(await fetch(url, { headers: { Accept: 'application/json' } }));
}

export async function post(url, body) {
  return parse(await fetch(url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body ?? {}),
  }));
}
