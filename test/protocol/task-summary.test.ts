import {createHash} from 'node:crypto';
import test from 'ava';
import {readTask, taskContentType, writeTask, type Task} from '../../source/protocol/task.js';
import {
	contentTypeWithSummary,
	summaryContentTypeBudget,
	summaryFromContentType,
} from '../../source/protocol/task-summary.js';
import {fixtureText, jobFolder, jobId} from './fixture.js';

const md5 = (text: string) => createHash('md5').update(text).digest('hex');

function fixtureTask(): Task {
	const read = readTask(fixtureText(`${jobFolder}/task.json`), {jobId});
	if (!read.ok) throw new Error('the fixture task.json does not read');
	return read.task;
}

function written(task: Task) {
	const body = writeTask(task);
	const hash = md5(body);
	return {body, hash, contentType: contentTypeWithSummary(taskContentType, task, hash, 'prspipe')};
}

test('the summary comes back from the content type, also with the spaces Swift drops after ;', (t) => {
	const task = {
		...fixtureTask(),
		name: 'Ääkköset; "quoted" = 名前 \u001B[31m',
		requestor: 'åsa@example.org',
	};
	const {hash, contentType} = written(task);
	t.true(contentType.startsWith(`${taskContentType}; ivjm-summary=1.${hash}.`));
	t.regex(contentType, /^[\u0021-\u007E ]+$/u, 'header-safe ASCII only');
	const expected = {
		name: task.name,
		description: task.description,
		requestor: task.requestor,
		biobanks: task.biobanks,
		type: 'prspipe',
	};
	t.deepEqual(summaryFromContentType(contentType, {jobId, hash}), expected);
	const listed = contentType.replaceAll('; ', ';');
	t.deepEqual(summaryFromContentType(listed, {jobId, hash: hash.toUpperCase()}), expected);
});

test('a summary that does not fit the budget is left out: the plain content type is written', (t) => {
	const {contentType} = written({...fixtureTask(), name: 'x'.repeat(summaryContentTypeBudget)});
	t.is(contentType, taskContentType);
	const fits = written({...fixtureTask(), name: 'y'.repeat(400)});
	t.true(fits.contentType.length <= summaryContentTypeBudget);
	t.is(summaryFromContentType(fits.contentType, {jobId, hash: fits.hash})?.name, 'y'.repeat(400));
});

test('no summary unless it describes exactly this object: its MD5, its job id, a well-formed value', (t) => {
	const {hash, contentType} = written(fixtureTask());
	t.is(summaryFromContentType(contentType, {jobId, hash: md5('another body')}), undefined);
	t.is(summaryFromContentType(contentType, {jobId: '1795597506-requester', hash}), undefined);
	t.is(summaryFromContentType(taskContentType, {jobId, hash}), undefined);
	t.is(summaryFromContentType(undefined, {jobId, hash}), undefined);
	const value = contentType.slice(contentType.indexOf('=') + 1);
	const broken = [
		`text/plain; ivjm-summary=2${value.slice(1)}`,
		`text/plain; ivjm-summary=${value.slice(0, -3)}`,
		`text/plain; ivjm-summary=1.${hash}.${Buffer.from('{"i": 1}').toString('base64url')}`,
		`text/plain; ivjm-summary=1.${hash}.${Buffer.from('not json').toString('base64url')}`,
		`text/plain; ivjm-summary="${value}"`,
	];
	for (const candidate of broken) {
		t.is(summaryFromContentType(candidate, {jobId, hash}), undefined, candidate);
	}
});
