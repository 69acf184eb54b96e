import {StorageError} from './storage-error.js';

/** The server did not answer in time. */
export class Timeout extends StorageError {}
