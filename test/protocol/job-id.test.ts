import test from 'ava';
import fc from 'fast-check';
import {buildJobId, checkJobId, jobSeconds, parseJobId} from '../../source/protocol/job-id.js';

test('a job id is the submit second and the user', (t) => {
	t.is(buildJobId(1664963696, 'jdoe'), '1664963696-jdoe');
	t.deepEqual(parseJobId('1664963696-jdoe'), {
		jobId: '1664963696-jdoe',
		seconds: 1664963696,
		user: 'jdoe',
	});
	t.is(jobSeconds('1664963696-jdoe'), 1664963696);
});

test('a user name with a dash stays whole', (t) => {
	t.is(parseJobId('1664963696-j-doe')?.user, 'j-doe');
});

test('malformed job ids do not parse', (t) => {
	for (const text of [
		'',
		'jdoe',
		'-jdoe',
		'1664963696-',
		'1664963696jdoe',
		'0166-jdoe',
		'x1-jdoe',
		'1-a/b',
		'1-..',
		'99999999999999999-u',
	]) {
		t.is(parseJobId(text), undefined, text);
		t.truthy(checkJobId(text), text);
	}
});

test('a job id cannot be built from a fraction of a second or a bad user', (t) => {
	t.throws(() => buildJobId(1.5, 'jdoe'));
	t.throws(() => buildJobId(-1, 'jdoe'));
	t.throws(() => buildJobId(1, 'a/b'), {message: /contains "\/"/});
});

test('every built job id parses back to its parts', (t) => {
	t.notThrows(() =>
		fc.assert(
			fc.property(
				fc.nat({max: 2 ** 40}),
				fc.stringMatching(/^[a-z][a-z0-9_-]{0,30}$/),
				(seconds, user) => {
					const parsed = parseJobId(buildJobId(seconds, user));
					return parsed?.seconds === seconds && parsed.user === user;
				},
			),
		),
	);
});
