import { ContractsPanel } from '../../components/ContractsPanel';

/** The supplier's own contracts. */
export default function ContractsPage() {
  return <ContractsPanel side="supplier" />;
}
