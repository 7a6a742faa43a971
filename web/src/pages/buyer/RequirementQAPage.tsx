import type { PageProps } from '../../app/route-types';
import { RequirementExtrasPage } from '../../components/requirement/RequirementExtrasPage';

/** The buyer's view of a requirement's questions (to answer) and attachments (to upload). */
export default function RequirementQAPage(props: PageProps) {
  return <RequirementExtrasPage {...props} />;
}
