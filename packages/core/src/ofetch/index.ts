export { createOfetchAdapter } from '../http/ofetch'
export type { HttpAdapter, HttpRequest, HttpResponse } from '../http/types'
