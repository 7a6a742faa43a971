import { ContractsPanel } from '../../components/ContractsPanel';

/** The buyer's contracts: awarded here or recorded, with amendments and termination. */
export default function ContractsPage() {
  return <ContractsPanel side="buyer" />;
}
