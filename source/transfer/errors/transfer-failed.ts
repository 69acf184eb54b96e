import {TransferError} from './transfer-error.js';

/** The store kept failing after retries; what is already stored is kept for a resume. */
export class TransferFailed extends TransferError {}
