import test from 'ava';
import {startScreens} from '../../source/ui/start-screens.js';

test('no role in the config and no --biobank: the role picker', (t) => {
	t.is(startScreens({}), undefined);
	t.is(startScreens({biobank: 'HUS'}), undefined, 'a biobank alone does not say who you are');
});

test('role researcher opens the jobs table, with the role picker under it', (t) => {
	t.deepEqual(startScreens({role: 'researcher', biobank: 'HUS'}), [
		{name: 'role'},
		{name: 'researcher'},
	]);
});

test('role analyst opens the inbox of the configured biobank, or the biobank picker', (t) => {
	t.deepEqual(startScreens({role: 'analyst', biobank: 'FIMM'}), [
		{name: 'role'},
		{name: 'analyst-biobank'},
		{name: 'analyst', biobank: 'FIMM'},
	]);
	t.deepEqual(startScreens({role: 'analyst'}), [{name: 'role'}, {name: 'analyst-biobank'}]);
});

test('--biobank wins over the config', (t) => {
	t.deepEqual(startScreens({biobankFlag: 'HUNT', role: 'researcher', biobank: 'FIMM'}), [
		{name: 'role'},
		{name: 'analyst-biobank'},
		{name: 'analyst', biobank: 'HUNT'},
	]);
});
