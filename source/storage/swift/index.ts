export {createSwiftStore, type SwiftStore, type SwiftStoreOptions} from './swift-store.js';
export {createHttpClient, type HttpClient, type HttpClientOptions} from './http.js';
export {defaultRetryPolicy, type RetryPolicy, type RetryClock} from '../retry.js';
export type {SwiftCapabilities} from './capabilities.js';
export * from './auth/index.js';
