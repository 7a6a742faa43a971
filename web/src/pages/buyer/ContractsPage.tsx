import { useState } from 'react';
import { ContractsPanel } from '../../components/ContractsPanel';
import { RecordContracts } from './RecordContracts';

/** The buyer's contracts: awarded here or recorded (one by one or from a CSV file), with amendments and termination. */
export default function ContractsPage() {
  const [generation, setGeneration] = useState(0);
  return <ContractsPanel refreshKey={generation} side="buyer" extra={<RecordContracts onRecorded={() => setGeneration((g) => g + 1)} />} />;
}
