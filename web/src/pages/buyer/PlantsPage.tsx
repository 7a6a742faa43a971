import { PlantsPanel } from '../../components/PlantsPanel';

/** The buyer's delivery plants. */
export default function PlantsPage() {
  return <PlantsPanel />;
}
