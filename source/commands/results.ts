import {resolve} from 'node:path';
import {defineCommand, jobIdArgument} from './kit/define-command.js';
import {biobankChoices} from './kit/flags.js';

/** `ivjm results JOBID`: verified downloads into `<dir>/<jobid>/<biobank>/`. */
export const resultsCommand = defineCommand({
	name: 'results',
	summary: 'download the results, verified, into D/<jobid>/<biobank>/',
	argument: jobIdArgument('the job, as `ivjm jobs` lists it'),
	details: [
		'Files already there and verified are not downloaded again; an interrupted one goes on.',
		'Prints one line per file (piped, tab-separated: path, bytes, verified by, skipped).',
	],
	flags: {
		biobank: {
			type: 'string',
			value: 'B',
			help: 'only the results of this biobank',
			choices: biobankChoices,
		},
		dir: {type: 'string', value: 'D', help: 'the download folder (default: setting downloadDir)'},
	},
	async run({argument, flags, session, out, progress}) {
		const {researcher, downloadFolder} = await session();
		const folder = resolve(flags.dir ?? downloadFolder);
		const job = await researcher.job(argument);
		const done = await researcher.downloadResults(job, folder, {
			biobank: flags.biobank,
			onProgress: progress.update,
		});
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
		if (flags.json) return out.json('results', {id: argument, folder, files});
		out.table(
			[{header: 'FILE', max: 200}, {header: 'BYTES'}, {header: 'VERIFIED BY'}, {header: 'NOTE'}],
			files.map((file) => [
				file.path,
				file.bytes,
				file.verifiedBy,
				file.skipped ? 'already there' : '',
			]),
		);
	},
});
