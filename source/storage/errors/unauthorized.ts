import {StorageError} from './storage-error.js';

/** The credentials were refused or the token expired. */
export class Unauthorized extends StorageError {}
