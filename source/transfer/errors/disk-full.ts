import {TransferError} from './transfer-error.js';

/** The disk filled up during a download; the bytes so far are kept in the `.part` file. */
export class DiskFull extends TransferError {}
