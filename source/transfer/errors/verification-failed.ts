import {TransferError} from './transfer-error.js';

/** The downloaded bytes do not match the object's checksum: they were thrown away. */
export class VerificationFailed extends TransferError {}
