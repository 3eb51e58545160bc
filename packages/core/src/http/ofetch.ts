import { ofetch } from 'ofetch'
import { headersToRecord, type HttpAdapter } from './types'

/**
 * The default adapter, on ofetch. Retries, timeouts and error judgement are the
 * engine's job (ofetch ignores `timeout` when a signal is passed, and blind
 * retries would double messages), so ofetch is asked for the raw answer.
 */
export function createOfetchAdapter(): HttpAdapter {
  return async (request) => {
    const response = await ofetch.raw<string, 'text'>(request.url, {
      method: request.method,
      headers: request.headers,
      signal: request.signal,
      credentials: request.withCredentials ? 'include' : 'same-origin',
      responseType: 'text',
      retry: 0,
      ignoreResponseError: true,
      ...(request.body !== undefined ? { body: request.body } : {}),
    })
    return {
      status: response.status,
      headers: headersToRecord(response.headers),
      body: typeof response._data === 'string' ? response._data : '',
    }
  }
}
