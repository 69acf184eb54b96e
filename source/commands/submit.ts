import {defineCommand} from './kit/define-command.js';
import {localFile, readRequest} from './submit-request.js';

/** `ivjm submit --task FILE.json [--input PATH…]`: uploads the inputs, then publishes the request. */
export const submitCommand = defineCommand({
	name: 'submit',
	summary: 'submit a request: upload its inputs, then publish it to its biobanks',
	details: ['Prints the new job id.'],
	flags: {
		task: {
			type: 'string',
			value: 'FILE.json',
			help: 'the request (see the readme)',
			required: true,
		},
		input: {type: 'strings', value: 'PATH', help: 'a file to upload as an input (repeatable)'},
	},
	async run({flags, session, out, progress}) {
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
		const id = await researcher.submit(prepared, {onProgress: progress.update});
		progress.done();
		if (flags.json) {
			return out.json('submit', {
				id,
				biobanks: prepared.plan.task.biobanks,
				uploads: prepared.plan.uploads.map((upload) => upload.key),
			});
		}
		out.lines(id);
	},
});
