import {resolve} from 'node:path';
import {
	ResultsSkipped,
	type DownloadedResult,
	type SkippedResult,
} from '../jobs/researcher/download-results.js';
import {displayMessage} from '../text/display-text.js';
import {exitCodeFor} from './exit-codes.js';
import {defineCommand, jobIdArgument} from './kit/define-command.js';
import {biobankChoices} from './kit/flags.js';

/** `ivjm results JOBID`: verified downloads into `<dir>/<jobid>/<biobank>/`. */
export const resultsCommand = defineCommand({
	name: 'results',
	summary: 'download the results, verified, into D/<jobid>/<biobank>/',
	argument: jobIdArgument('the job, as `ivjm jobs` lists it'),
	details: [
		'Files already there and verified are not downloaded again; an interrupted one goes on.',
		'Prints one line per file (piped, tab-separated: path, bytes, verified by, note).',
		'A result refused (a symbolic link on the way, an unsafe name) is listed with why, the',
		'others are downloaded, and the exit is 1.',
	],
	flags: {
		biobank: {
			type: 'string',
			value: 'B',
			help: 'only the results of this biobank',
			choices: biobankChoices,
		},
		dir: {type: 'string', value: 'D', help: 'the download folder (default: setting downloadDir)'},
		keepEncrypted: {
			type: 'boolean',
			help: 'keep each result encrypted to you as <name>.c4gh beside its plaintext',
		},
	},
	async run({argument, flags, session, out, progress, tell}) {
		const {researcher, downloadFolder} = await session();
		const folder = resolve(flags.dir ?? downloadFolder);
		const job = await researcher.job(argument);
		let done: DownloadedResult[];
		let refused: SkippedResult[] = [];
		let failure: ResultsSkipped | undefined;
		try {
			done = await researcher.downloadResults(job, folder, {
				biobank: flags.biobank,
				onProgress: progress.update,
				keepEncrypted: flags.keepEncrypted,
			});
		} catch (error) {
			// Some were refused: the ones that arrived are still worth listing, then the failure.
			if (!(error instanceof ResultsSkipped)) throw error;
			({downloaded: done, skipped: refused} = error);
			failure = error;
		}
		progress.done();
		const files = done.map((file) => ({
			biobank: file.biobank,
			name: file.name,
			path: file.result.path,
			bytes: file.result.bytes,
			sha256: file.result.sha256,
			verifiedBy: file.result.verifiedBy,
			skipped: file.result.skipped,
		}));
		if (flags.json) {
			out.json('results', {id: argument, folder, files, refused});
			return failure && exitCodeFor(failure);
		}
		out.table(
			[{header: 'FILE', max: 200}, {header: 'BYTES'}, {header: 'VERIFIED BY'}, {header: 'NOTE'}],
			[
				...files.map((file) => [
					file.path,
					file.bytes,
					file.verifiedBy,
					file.skipped ? 'already there' : '',
				]),
				...refused.map((file) => [
					`${file.biobank}/${file.name}`,
					'',
					'',
					`not downloaded: ${file.reason}`,
				]),
			],
		);
		if (failure) {
			// Result names come from the bucket: cleaned like every error message.
			tell(`ivjm: ${displayMessage(failure.message)}`);
			if (failure.nextStep) tell(displayMessage(failure.nextStep));
			return exitCodeFor(failure);
		}
	},
});
