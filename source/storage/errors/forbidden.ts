import {StorageError} from './storage-error.js';

/** The credentials are valid but lack access. */
export class Forbidden extends StorageError {}
