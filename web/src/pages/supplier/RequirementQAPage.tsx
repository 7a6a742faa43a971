import type { PageProps } from '../../app/route-types';
import { RequirementExtrasPage } from '../../components/requirement/RequirementExtrasPage';

/** A supplier's view of a requirement's questions (to ask, and the published answers) and attachments. */
export default function RequirementQAPage(props: PageProps) {
  return <RequirementExtrasPage {...props} />;
}
