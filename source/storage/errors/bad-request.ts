import {StorageError} from './storage-error.js';

/** The server refused the request as malformed. */
export class BadRequest extends StorageError {}
