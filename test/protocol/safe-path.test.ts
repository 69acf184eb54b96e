import {posix} from 'node:path';
import test from 'ava';
import fc from 'fast-check';
import {
	checkRelativePath,
	resolveInJobFolder,
	taskRelativePath,
} from '../../source/protocol/safe-path.js';

const folder = '/home/analyst/jobs/1795597505-requester';

// Each hostile path with the reason it must be refused for.
const hostile: Array<[string, RegExp]> = [
	['', /is empty/],
	['/etc/passwd', /is absolute/],
	['/', /is absolute/],
	['//server/share/x', /is absolute/],
	['..', /climbs out/],
	['../x', /climbs out/],
	['../../etc/passwd', /climbs out/],
	['a/../../x', /climbs out/],
	['a/..', /climbs out/],
	['./../x', /climbs out/],
	['a/b/../../..', /climbs out/],
	['a/../b', /climbs out/],
	['a\0b', /NUL/],
	['result.txt\0.png', /NUL/],
	['a\nb', /control character/],
	['a\rb', /control character/],
	['a\tb', /control character/],
	['\u001b[31mred', /control character/],
	['a\u007fb', /control character/],
	['a\u009bb', /control character/],
	['..\\x', /backslash/],
	['a\\b', /backslash/],
	['C:\\Windows\\x', /backslash/],
	['C:x', /Windows drive/],
	['./C:x', /Windows drive/],
	['c:/x', /Windows drive/],
	['a//b', /empty segment/],
	['a/', /ends with "\/"/],
	['input/', /ends with "\/"/],
	['.', /job folder itself/],
	['./', /job folder itself/],
	['././', /job folder itself/],
	['a/./b', /"\." segment/],
	['a/.', /"\." segment/],
	['.//x', /empty segment/],
	['e\u0301.txt', /NFC/],
	['Å.txt'.normalize('NFD'), /NFC/],
	['a\ud800b', /not valid Unicode/],
	[`${'a'.repeat(256)}`, /segment longer than 255 bytes/],
	[`${'é'.repeat(128)}.txt`, /segment longer than 255 bytes/],
	[`${'a'.repeat(200)}/`.repeat(6), /longer than 1024 bytes/],
	[' result.txt', /white space/],
	['result.txt ', /white space/],
	['a/ /b', /white space/],
];

test('there are at least 30 hostile paths in the table', (t) => {
	t.true(hostile.length >= 30);
});

for (const [index, [path, reason]] of hostile.entries()) {
	test(`hostile path ${index + 1}, ${JSON.stringify(path).slice(0, 40)}, is refused: ${reason.source}`, (t) => {
		const result = resolveInJobFolder(folder, path);
		t.false(result.ok);
		if (!result.ok) t.regex(result.reason, reason);
	});
}

test('a path that is not text is refused', (t) => {
	t.deepEqual(checkRelativePath(undefined), {ok: false, reason: 'The path is not text.'});
});

test('plain relative paths land inside the job folder', (t) => {
	t.deepEqual(resolveInJobFolder(folder, './result.txt'), {
		ok: true,
		relative: 'result.txt',
		segments: ['result.txt'],
		path: `${folder}/result.txt`,
	});
	t.deepEqual(resolveInJobFolder(`${folder}/`, 'out/a b.zip'), {
		ok: true,
		relative: 'out/a b.zip',
		segments: ['out', 'a b.zip'],
		path: `${folder}/out/a b.zip`,
	});
	t.like(resolveInJobFolder(folder, '...'), {ok: true, relative: '...'});
	t.like(resolveInJobFolder(folder, '.hidden'), {ok: true, relative: '.hidden'});
	t.like(resolveInJobFolder(folder, '~'), {ok: true, relative: '~'});
	t.like(resolveInJobFolder(folder, 'Å.txt'.normalize('NFC')), {ok: true});
	t.like(resolveInJobFolder('/', 'x'), {ok: true, path: '/x'});
});

test('the local path of a task path drops the leading ./', (t) => {
	t.is(taskRelativePath('./result.txt'), 'result.txt');
	t.is(taskRelativePath('././out/x'), 'out/x');
	t.is(taskRelativePath('input1.txt'), 'input1.txt');
});

const pathPieces = fc.oneof(
	fc.constantFrom(
		'..',
		'.',
		'',
		'/',
		'\\',
		'a',
		'b.txt',
		'C:',
		'\0',
		'\n',
		'é',
		'e\u0301',
		' ',
		'~',
	),
	fc.string({maxLength: 6}),
	fc.string({unit: 'binary', maxLength: 4}),
);
const untrusted = fc
	.array(fc.tuple(pathPieces, fc.constantFrom('/', '')), {maxLength: 10})
	.map((pieces) => pieces.map(([piece, separator]) => piece + separator).join(''));
const joined = fc.array(pathPieces, {maxLength: 10}).map((pieces) => pieces.join('/'));

test('no accepted path resolves outside the job folder, and resolving is idempotent', (t) => {
	let accepted = 0;
	t.notThrows(() =>
		fc.assert(
			fc.property(fc.oneof(untrusted, joined), (path) => {
				const result = resolveInJobFolder(folder, path);
				if (!result.ok) {
					return true;
				}

				accepted++;
				const landed = posix.resolve(folder, path);
				const again = resolveInJobFolder(folder, result.relative);
				return (
					landed.startsWith(`${folder}/`) &&
					landed === result.path &&
					posix.relative(folder, landed) === result.relative &&
					again.ok &&
					again.relative === result.relative &&
					again.path === result.path
				);
			}),
			{numRuns: 5000},
		),
	);
	// The property says something only if many generated paths were accepted.
	t.true(accepted > 500, `only ${accepted} accepted`);
});
