import {StorageError} from './storage-error.js';

/** The object or container does not exist. */
export class NotFound extends StorageError {}
