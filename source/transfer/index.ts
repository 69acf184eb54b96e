export * from './transfer.js';
export {
	uploadFile,
	defaultParallel,
	defaultSegmentSize,
	defaultSegmentThreshold,
} from './upload-file.js';
export {downloadObject} from './download-object.js';
export {
	createProgressMeter,
	type ProgressMeter,
	type ProgressMeterOptions,
} from './progress-meter.js';
export {defaultJournalFolder} from './journal.js';
export type {TransferRetry} from './transfer-retry.js';
export * from './errors/index.js';
