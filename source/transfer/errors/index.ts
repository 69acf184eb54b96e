export {TransferError, type TransferErrorDetails} from './transfer-error.js';
export {UnsafePath} from './unsafe-path.js';
export {VerificationFailed} from './verification-failed.js';
export {DiskFull} from './disk-full.js';
export {FileChanged} from './file-changed.js';
export {TransferFailed} from './transfer-failed.js';
