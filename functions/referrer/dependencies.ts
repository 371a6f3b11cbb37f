import { DynamoDraftStore } from '../../shared/aws/dynamo-draft-store';
import { config } from '../lib/dependencies';

/** The referrer pages' own adapter, built once per cold start like the shared ones. */
let drafts: DynamoDraftStore | undefined;
export const draftStore = () => (drafts ??= new DynamoDraftStore(config().CONTACTS_TABLE));
