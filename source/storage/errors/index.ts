export {StorageError, type StorageErrorDetails} from './storage-error.js';
export {NotFound} from './not-found.js';
export {Conflict} from './conflict.js';
export {Unauthorized} from './unauthorized.js';
export {Forbidden} from './forbidden.js';
export {Unavailable} from './unavailable.js';
export {Timeout} from './timeout.js';
export {BadRequest} from './bad-request.js';
