import {mkdir} from 'node:fs/promises';
import {checkName} from '../../protocol/names.js';
import {resultsPrefix} from '../../protocol/keys.js';
import type {ObjectStore} from '../../storage/store.js';
import {UnsafePath} from '../../transfer/errors/index.js';
import type {DownloadObject, DownloadResult, TransferProgress} from '../../transfer/transfer.js';
import type {JobDetail} from './load-job-detail.js';
import {NothingToDownload} from './researcher-errors.js';
import {JobError} from '../job-error.js';

export type ResultFile = {biobank: string; name: string; key: string; bytes: number};

/** A result that was not downloaded, and why (its name, or a link on its way). */
export type SkippedResult = {biobank: string; name: string; reason: string};

export type DownloadedResult = ResultFile & {result: DownloadResult};

/** Some results were refused: the others are downloaded; the message names each one and why. */
export class ResultsSkipped extends JobError {
	constructor(
		jobId: string,
		readonly downloaded: DownloadedResult[],
		readonly skipped: SkippedResult[],
	) {
		super(
			jobId,
			`${skipped.length} result${skipped.length === 1 ? ' was' : 's were'} not downloaded ` +
				`(${downloaded.length} ${downloaded.length === 1 ? 'was' : 'were'}): ` +
				skipped.map((file) => `${file.biobank}/${file.name}: ${file.reason}`).join('; '),
			{
				nextStep:
					'Remove any symbolic link under the download folder and run again; a result with an ' +
					'unsafe name needs the biobank to deliver it again under a plain file name.',
			},
		);
	}
}

/** The result files of the ready biobanks of a job (or of one of them). */
export function downloadableResults(job: JobDetail, biobank?: string): ResultFile[] {
	return readyBiobanks(job, biobank).flatMap((state) =>
		(state.cell?.results ?? []).map((file) => ({
			biobank: state.biobank,
			name: file.name,
			key: file.key,
			bytes: file.bytes,
		})),
	);
}

function readyBiobanks(job: JobDetail, biobank?: string) {
	return job.status.biobanks.filter(
		(state) => state.status === 'ready' && (biobank === undefined || state.biobank === biobank),
	);
}

/** Results of ready biobanks whose names the layout refused (a `..`, an empty part…). */
function unsafeResultNames(job: JobDetail, biobank?: string): SkippedResult[] {
	return readyBiobanks(job, biobank).flatMap((state) => {
		const prefix = resultsPrefix(job.row.jobId, state.biobank);
		return (job.ignored ?? [])
			.filter((key) => key.startsWith(prefix))
			.map((key) => {
				const name = key.slice(prefix.length);
				const bad = name.split('/').map((part) => checkName('file name', part));
				const reason = bad.find((check) => !check.ok);
				return {
					biobank: state.biobank,
					name,
					reason: reason && !reason.ok ? reason.reason : 'not a safe file name',
				};
			});
	});
}

export type DownloadResultsOptions = {
	biobank?: string;
	onFileProgress?: (file: ResultFile, progress: TransferProgress) => void;
	signal?: AbortSignal;
};

/**
 * Fetches results into `<folder>/<jobid>/<biobank>/`, each verified; files already there and
 * verified are skipped, an interrupted one continues where it stopped. Folders are made 0700
 * and files 0600; no folder under `folder` may be a symbolic link (as an analyst's claim). A
 * result with an unsafe name, or behind a link, is skipped and the others go on; then
 * `ResultsSkipped` names each skipped one and why.
 */
export async function downloadResults(
	store: ObjectStore,
	bucket: string,
	download: DownloadObject,
	job: JobDetail,
	folder: string,
	options: DownloadResultsOptions = {},
): Promise<DownloadedResult[]> {
	const files = downloadableResults(job, options.biobank);
	const skipped = unsafeResultNames(job, options.biobank);
	if (files.length === 0 && skipped.length === 0)
		throw new NothingToDownload(job.row.jobId, options.biobank);
	await mkdir(folder, {recursive: true, mode: 0o700});
	const done: DownloadedResult[] = [];
	for (const file of files) {
		const biobankCheck = checkName('biobank', file.biobank);
		if (!biobankCheck.ok) {
			skipped.push({biobank: file.biobank, name: file.name, reason: biobankCheck.reason});
			continue;
		}
		const relative = `${job.row.jobId}/${file.biobank}/${file.name}`;
		try {
			const result = await download(store, {container: bucket, key: file.key}, folder, relative, {
				signal: options.signal,
				mode: 0o600,
				onProgress: (progress) => options.onFileProgress?.(file, progress),
			});
			done.push({...file, result});
		} catch (error) {
			if (!(error instanceof UnsafePath)) throw error;
			skipped.push({biobank: file.biobank, name: file.name, reason: error.message});
		}
	}
	if (skipped.length > 0) throw new ResultsSkipped(job.row.jobId, done, skipped);
	return done;
}
