import type {ReactNode} from 'react';
import type {KeyBinding} from '../keys.js';
import type {Navigator, Screen} from '../navigation.js';
import {RolePicker, rolePickerKeys} from './role-picker.js';

export type ScreenRenderProps = {navigate: Navigator; isActive: boolean};

export type ScreenView = {
	title: string;
	bindings: ReadonlyArray<KeyBinding>;
	render: (props: ScreenRenderProps) => ReactNode;
};

/** What each screen of the stack looks like: its title, its keys and its body. */
export function screenFor(screen: Screen): ScreenView {
	switch (screen.name) {
		case 'role':
			return {
				title: 'choose a role',
				bindings: rolePickerKeys,
				render: ({navigate}) => <RolePicker navigate={navigate} />,
			};
		default:
			return {
				title: 'choose a role',
				bindings: rolePickerKeys,
				render: ({navigate}) => <RolePicker navigate={navigate} />,
			};
	}
}
