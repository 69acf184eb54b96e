import {NothingToDownload} from './researcher-errors.js';
import {mkdir} from 'node:fs/promises';
import {join} from 'node:path';
import {checkName} from '../../protocol/names.js';
import type {ObjectStore} from '../../storage/store.js';
import type {DownloadObject, DownloadResult, TransferProgress} from '../../transfer/transfer.js';
import type {JobDetail} from './load-job-detail.js';

export type ResultFile = {biobank: string; name: string; key: string; bytes: number};

/** The result files of the ready biobanks of a job (or of one of them). */
export function downloadableResults(job: JobDetail, biobank?: string): ResultFile[] {
	return job.status.biobanks
		.filter(
			(state) => state.status === 'ready' && (biobank === undefined || state.biobank === biobank),
		)
		.flatMap((state) =>
			(state.cell?.results ?? []).map((file) => ({
				biobank: state.biobank,
				name: file.name,
				key: file.key,
				bytes: file.bytes,
			})),
		);
}

export type DownloadResultsOptions = {
	biobank?: string;
	onFileProgress?: (file: ResultFile, progress: TransferProgress) => void;
	signal?: AbortSignal;
};

/**
 * Fetches results into `<folder>/<jobid>/<biobank>/`, each verified; files already there and
 * verified are skipped, an interrupted one continues where it stopped.
 */
export async function downloadResults(
	store: ObjectStore,
	bucket: string,
	download: DownloadObject,
	job: JobDetail,
	folder: string,
	options: DownloadResultsOptions = {},
): Promise<Array<ResultFile & {result: DownloadResult}>> {
	const files = downloadableResults(job, options.biobank);
	if (files.length === 0) throw new NothingToDownload(job.row.jobId, options.biobank);
	const done: Array<ResultFile & {result: DownloadResult}> = [];
	for (const file of files) {
		const biobankCheck = checkName('biobank', file.biobank);
		if (!biobankCheck.ok) throw new Error(biobankCheck.reason);
		const target = join(folder, job.row.jobId, file.biobank);
		await mkdir(target, {recursive: true});
		const result = await download(store, {container: bucket, key: file.key}, target, file.name, {
			signal: options.signal,
			onProgress: (progress) => options.onFileProgress?.(file, progress),
		});
		done.push({...file, result});
	}
	return done;
}
