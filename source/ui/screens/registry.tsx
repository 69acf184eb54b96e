import type {ReactNode} from 'react';
import type {KeyBinding} from '../keys.js';
import type {Navigator, Screen} from '../navigation.js';
import {AnalystJobScreen} from './analyst/job-screen.js';
import {analystJobKeys, biobankPickerKeys, inboxKeys} from './analyst/analyst-keys.js';
import {BiobankPicker} from './analyst/biobank-picker.js';
import {InboxScreen} from './analyst/inbox-screen.js';
import {DownloadResultsScreen} from './researcher/download-results-screen.js';
import {JobDetailScreen} from './researcher/job-detail-screen.js';
import {jobDetailKeys} from './researcher/job-detail-keys.js';
import {JobsScreen} from './researcher/jobs-screen.js';
import {NewRequestScreen} from './researcher/new-request/new-request-screen.js';
import {newRequestKeys} from './researcher/new-request/new-request-keys.js';
import {researcherKeys} from './researcher/researcher-keys.js';
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
		case 'researcher':
			return {
				title: 'my jobs',
				bindings: researcherKeys,
				render: (props) => <JobsScreen {...props} />,
			};
		case 'new-request':
			return {
				title: 'new request',
				bindings: newRequestKeys,
				render: ({navigate}) => <NewRequestScreen navigate={navigate} />,
			};
		case 'download-results':
			return {
				title: 'results',
				bindings: [],
				render: ({navigate}) => (
					<DownloadResultsScreen
						jobId={screen.jobId}
						biobank={screen.biobank}
						navigate={navigate}
					/>
				),
			};
		case 'analyst-biobank':
			return {
				title: 'choose a biobank',
				bindings: biobankPickerKeys,
				render: (props) => <BiobankPicker {...props} />,
			};
		case 'analyst':
			return {
				title: `${screen.biobank} inbox`,
				bindings: inboxKeys,
				render: (props) => <InboxScreen biobank={screen.biobank} {...props} />,
			};
		case 'analyst-job':
			return {
				title: `${screen.biobank} job`,
				bindings: analystJobKeys,
				render: (props) => (
					<AnalystJobScreen biobank={screen.biobank} jobId={screen.jobId} {...props} />
				),
			};
		case 'researcher-job':
			return {
				title: 'job',
				bindings: jobDetailKeys,
				render: (props) => <JobDetailScreen jobId={screen.jobId} {...props} />,
			};
		default:
			return {
				title: 'choose a role',
				bindings: rolePickerKeys,
				render: ({navigate}) => <RolePicker navigate={navigate} />,
			};
	}
}
