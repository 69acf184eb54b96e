import prettyBytes from 'pretty-bytes';
import {resolveWorkFolder} from '../jobs/analyst/work-folder.js';
import {biobankFlag, workDirFlag} from './analyst-flags.js';
import {defineCommand, jobIdArgument} from './kit/define-command.js';
import {shown} from '../text/display-text.js';
import {utcTime} from './kit/utc-time.js';
import {passphraseFor} from '../crypt4gh/passphrase.js';
import {commandPassphraseSource} from './passphrase-source.js';

/** `ivjm claim JOBID --biobank B`: claims the job and downloads it; run again, it resumes. */
export const claimCommand = defineCommand({
	name: 'claim',
	summary: 'claim a job and download it into the work folder (again: resume)',
	argument: jobIdArgument('the job, as `ivjm inbox` lists it'),
	details: [
		'Downloads the inputs, the container and the instructions into D/<jobid>, each verified.',
		'Exit code 5 when another analyst holds the job.',
		"Inputs encrypted to the biobank's key (Crypt4GH) are decrypted into place with your key, checked against the SHA-256 recorded at upload; its passphrase comes from C4GH_PASSPHRASE, else it is asked on the terminal, before the claim.",
	],
	flags: {
		biobank: biobankFlag,
		dir: workDirFlag,
		keepEncrypted: {type: 'boolean', help: 'keep each encrypted input as <name>.c4gh beside it'},
	},
	async run({argument, flags, session, out, progress}) {
		const biobank = flags.biobank ?? '';
		const {analyst, workFolder} = await session();
		const result = await analyst.claim({
			jobId: argument,
			biobank,
			workFolder: resolveWorkFolder(flags.dir, workFolder),
			onClaimed: (claim) => {
				if (!claim.already) progress.note(shown`Claimed ${argument} at ${biobank} as ${claim.by}.`);
			},
			onProgress: progress.update,
			passphrase: (keyPath) => passphraseFor(keyPath, commandPassphraseSource()),
			keepEncrypted: flags.keepEncrypted,
		});
		progress.done();
		const files = result.files.map((file) => ({
			path: file.relative,
			kind: file.kind,
			bytes: file.result.bytes,
			sha256: file.result.sha256,
			verifiedBy: file.result.verifiedBy,
			skipped: file.result.skipped,
			decrypted: file.encrypted,
		}));
		if (flags.json) {
			return out.json('claim', {
				id: argument,
				biobank,
				by: result.claim.by,
				at: utcTime(result.claim.at) ?? new Date().toISOString(),
				already: result.claim.already,
				reclaimed: result.claim.reclaimed,
				folder: result.jobFolder,
				files,
			});
		}
		const bytes = files.reduce((sum, file) => sum + file.bytes, 0);
		const decrypted = files.filter((file) => file.decrypted).length;
		out.lines(
			shown`${result.claim.already ? 'Already yours' : 'Claimed'}: ${argument} at ${biobank}; ${files.length} files (${prettyBytes(bytes)}) verified in ${result.jobFolder}${decrypted > 0 ? `, ${decrypted} of them decrypted` : ''}`,
		);
	},
});
