export { createNodeHttpAdapter, type NodeHttpAdapterOptions } from './http'
