// The console's only way to the service: the /v1 API with the signed-in key as a Bearer header. The key lives in
// sessionStorage (gone when the tab closes) and never in a URL; event streams are read with fetch, because
// EventSource cannot send headers.

const KEY = 'funit.apiKey';

export const session = {
  get key() { return sessionStorage.getItem(KEY); },
  signIn(key) { sessionStorage.setItem(KEY, key); },
  signOut() { sessionStorage.removeItem(KEY); },
};

/** A refused request: the problem+json body (title, detail, field) and the HTTP status. */
export class ApiError extends Error {
  constructor(status, problem) {
    super(problem.detail || problem.title || `HTTP ${status}`);
    this.status = status;
    this.problem = problem;
    this.field = problem.field || null;
  }
}

async function problemOf(response) {
  let problem;
  try {
    problem = await response.json();
  } catch {
    problem = { title: response.statusText || 'Request failed' };
  }
  return new ApiError(response.status, problem);
}

function authorized(headers = {}) {
  return { ...headers, Authorization: `Bearer ${session.key}` };
}

/** A call that answers JSON (or the raw response for other types); a refusal throws an ApiError. */
export async function call(method, path, { json, form, headers, signal } = {}) {
  const init = { method, headers: authorized(headers), signal };
  if (json !== undefined) {
    init.headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(json);
  } else if (form) {
    init.body = form;
  }
  const response = await fetch(path, init);
  if (!response.ok) {
    throw await problemOf(response);
  }
  const type = response.headers.get('Content-Type') || '';
  return type.includes('json') ? response.json() : response;
}

export const get = (path, options) => call('GET', path, options);
export const post = (path, json, options) => call('POST', path, { ...options, json });
export const postForm = (path, form, options) => call('POST', path, { ...options, form });

/**
 * A stored file as a blob: URL for <img> or a download link. The gateway's URLs need the key; a presigned URL
 * (FUNIT_RESULT_URLS=presigned) carries its own signature and gets no key.
 */
export async function blob(url, { signal } = {}) {
  const presigned = /^https?:/.test(url) && new URL(url).origin !== location.origin;
  const response = await fetch(url, { headers: presigned ? {} : authorized(), signal });
  if (!response.ok) {
    throw await problemOf(response);
  }
  return response.blob();
}

export async function blobUrl(url, options) {
  return URL.createObjectURL(await blob(url, options));
}

/**
 * Follows a job's Server-Sent Events (GET /v1/jobs/{id}/events) and calls onJob with each job view; resolves with
 * the last one when the stream ends (after the terminal event), or when signal aborts.
 */
export async function followJob(jobId, onJob, signal) {
  const response = await fetch(`/v1/jobs/${encodeURIComponent(jobId)}/events`, {
    headers: authorized({ Accept: 'text/event-stream' }), signal,
  });
  if (!response.ok) {
    throw await problemOf(response);
  }
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  let last = null;
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) {
        return last;
      }
      buffer += value;
      let end;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const data = block.split('\n').filter((line) => line.startsWith('data:'))
          .map((line) => line.slice(5).trimStart()).join('\n');
        if (data) {
          last = JSON.parse(data);
          onJob(last);
        }
      }
    }
  } catch (e) {
    if (signal && signal.aborted) {
      return last;
    }
    throw e;
  }
}

/** A multipart upload with progress (fetch cannot report upload progress): resolves with the JSON answer. */
export function upload(path, form, onProgress) {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', path);
    xhr.setRequestHeader('Authorization', `Bearer ${session.key}`);
    xhr.upload.onprogress = (e) => { if (e.lengthComputable) onProgress(e.loaded, e.total); };
    xhr.onload = () => {
      let body = {};
      try { body = JSON.parse(xhr.responseText); } catch { body = { title: xhr.statusText }; }
      if (xhr.status >= 200 && xhr.status < 300) resolve(body); else reject(new ApiError(xhr.status, body));
    };
    xhr.onerror = () => reject(new ApiError(0, { title: 'Network error', detail: 'the upload did not reach the gateway' }));
    xhr.send(form);
  });
}
