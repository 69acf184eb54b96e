import {StorageError} from './storage-error.js';

/** The server could not be reached or answered with a server error. */
export class Unavailable extends StorageError {}
