import { PlantsPanel } from '../../components/PlantsPanel';

/** The supplier's producing plants. */
export default function PlantsPage() {
  return <PlantsPanel />;
}
