import {defineCommand} from './kit/define-command.js';
import {localFile, readRequest} from './submit-request.js';
import {describeInputEncryption, type InputEncryption} from '../jobs/input-encryption.js';
import {shown} from '../text/display-text.js';

/** `ivjm submit --task FILE.json [--input PATH…]`: uploads the inputs, then publishes the request. */
export const submitCommand = defineCommand({
	name: 'submit',
	summary: 'submit a request: upload its inputs, then publish it to its biobanks',
	details: [
		'Prints the new job id.',
		'The inputs (not the instructions) are encrypted (Crypt4GH) to the published keys of the target biobanks when every one has published a key; otherwise, or with --plain-inputs, they go as they are, and it says so before anything is uploaded.',
	],
	flags: {
		task: {
			type: 'string',
			value: 'FILE.json',
			help: 'the request (see the readme)',
			required: true,
		},
		input: {type: 'strings', value: 'PATH', help: 'a file to upload as an input (repeatable)'},
		plainInputs: {
			type: 'boolean',
			help: 'upload the inputs unencrypted even where every target biobank has a key',
		},
	},
	async run({flags, session, out, progress, tell}) {
		const request = await readRequest(flags.task ?? '');
		const inputFiles = await Promise.all(flags.input.map(localFile));
		const instructionsFile = request.instructions
			? await localFile(request.instructions)
			: undefined;
		const {user, researcher} = await session();
		const prepared = researcher.prepareSubmit({
			user,
			name: request.name,
			requestor: request.email,
			biobanks: request.biobanks,
			analysis: request.analysis,
			inputFiles,
			instructionsFile,
			outputs: request.outputs,
			requirements: request.requirements,
			resources: request.resources,
		});
		let encryption: InputEncryption | undefined;
		const id = await researcher.submit(prepared, {
			onProgress: progress.update,
			plainInputs: flags.plainInputs,
			onInputEncryption: (decided) => {
				encryption = decided;
				tell(shown`${describeInputEncryption(decided)}`);
			},
		});
		progress.done();
		if (flags.json) {
			return out.json('submit', {
				id,
				biobanks: prepared.plan.task.biobanks,
				uploads: prepared.plan.uploads.map((upload) => upload.key),
				encryption: {
					encrypted: encryption?.kind === 'encrypted',
					recipients:
						encryption?.kind === 'encrypted'
							? encryption.recipients.map(({biobank, fingerprint}) => ({biobank, fingerprint}))
							: [],
					reason: encryption?.kind === 'plain' ? encryption.reason : null,
				},
			});
		}
		out.lines(id);
	},
});
