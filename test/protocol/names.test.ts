import test from 'ava';
import {checkName, utf8Length} from '../../source/protocol/names.js';

test('a plain name is accepted as it is', (t) => {
	t.deepEqual(checkName('biobank', 'Estonia_Biobank'), {ok: true, name: 'Estonia_Biobank'});
	t.deepEqual(checkName('biobank', 'CSC testing only'), {ok: true, name: 'CSC testing only'});
});

const refused: Array<[string, unknown, RegExp]> = [
	['empty', '', /is empty/],
	['not text', 42, /must be text/],
	['a slash', 'a/b', /contains "\/"/],
	['a newline', 'a\nb', /control character/],
	['a NUL', 'a\0b', /control character/],
	['a C1 control', 'a\u0085b', /control character/],
	['dot', '.', /names a folder/],
	['dot dot', '..', /names a folder/],
	['a lone surrogate', 'a\ud800', /not valid Unicode/],
	['a leading space', ' HUS', /white space/],
	['256 bytes', 'é'.repeat(128), /longer than 255 bytes/],
];

for (const [what, name, reason] of refused) {
	test(`a user name with ${what} is refused with a reason`, (t) => {
		const check = checkName('user', name);
		t.false(check.ok);
		if (!check.ok) t.regex(check.reason, reason);
	});
}

test('biobank names that are part of the layout are refused', (t) => {
	for (const name of ['jobs', 'input', 'task.json']) {
		const check = checkName('biobank', name);
		t.false(check.ok, name);
		if (!check.ok) t.regex(check.reason, /part of the bucket layout/);
	}

	t.true(checkName('user', 'jobs').ok, 'a user may be called jobs');
});

test('utf8Length counts bytes, not UTF-16 units', (t) => {
	t.is(utf8Length('abc'), 3);
	t.is(utf8Length('é'), 2);
	t.is(utf8Length('€'), 3);
	t.is(utf8Length('😀'), 4);
});
