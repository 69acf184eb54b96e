import {TransferError} from './transfer-error.js';

/** The local file changed while it was being uploaded: its upload must start again. */
export class FileChanged extends TransferError {}
