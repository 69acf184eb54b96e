/** Navigation is a stack of screens: enter pushes, esc pops. One small state machine, no flags. */
export type Screen =
	| {name: 'role'}
	| {name: 'researcher'}
	| {name: 'researcher-job'; jobId: string}
	| {name: 'new-request'}
	| {name: 'resubmit'; jobId: string}
	| {name: 'download-results'; jobId: string; biobank?: string}
	| {name: 'analyst-biobank'}
	| {name: 'analyst'; biobank: string}
	| {name: 'analyst-job'; biobank: string; jobId: string};

export type ScreenName = Screen['name'];

export type NavigationAction =
	{type: 'push'; screen: Screen} | {type: 'pop'} | {type: 'replace'; screen: Screen};

export function navigate(stack: readonly Screen[], action: NavigationAction): Screen[] {
	switch (action.type) {
		case 'push':
			return [...stack, action.screen];
		case 'pop':
			return stack.length > 1 ? stack.slice(0, -1) : [...stack];
		case 'replace':
			return [...stack.slice(0, -1), action.screen];
	}
}

export type Navigator = (action: NavigationAction) => void;
