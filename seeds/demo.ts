import type { INestApplication } from '@nestjs/common';

export interface DemoLogin {
  role: string;
  email: string;
  password: string;
  organization: string;
}

/** Loads the demo data set unless the database already has organisations. */
export async function seedDemoIfEmpty(_app: INestApplication): Promise<DemoLogin[] | null> {
  return null;
}
