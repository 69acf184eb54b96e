import {StorageError} from './storage-error.js';

/** A conditional request failed: the object exists or changed. */
export class Conflict extends StorageError {}
