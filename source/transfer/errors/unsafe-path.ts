import {TransferError} from './transfer-error.js';

/** A download would write outside its folder or through a symbolic link: nothing was written. */
export class UnsafePath extends TransferError {}
