import type { INestApplication } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Organization, OrganizationKind } from '../src/organizations/organization.entity.js';
import { User } from '../src/auth/user.entity.js';
import { Role } from '../src/auth/role.js';
import { hashPassword } from '../src/auth/passwords.js';
import { makeCreditCode } from '../src/organizations/credit-code.factory.js';
import { AuthService, ROLE_OF_KIND, principalOf } from '../src/auth/auth.service.js';
import { OrganizationsService } from '../src/organizations/organizations.service.js';
import { DEMO_ORGANIZATIONS, DEMO_PASSWORD } from './demo-world.js';

export interface DemoLogin {
  role: string;
  email: string;
  password: string;
  organization: string;
}

export const DEMO_ADMIN_EMAIL = 'admin@zhenglingtong.example';

/**
 * Loads the demo market through the services (so it passes the same validation as the API)
 * unless the database already has organisations. Returns the logins, or null if skipped.
 */
export async function seedDemoIfEmpty(app: INestApplication): Promise<DemoLogin[] | null> {
  const dataSource = app.get(DataSource);
  if ((await dataSource.getRepository(Organization).count()) > 0) return null;
  const auth = app.get(AuthService);
  const organizations = app.get(OrganizationsService);

  const platform = await dataSource.getRepository(Organization).save({
    kind: OrganizationKind.PLATFORM, legalName: '整零通平台运营(示例)', creditCode: makeCreditCode('330100', 1), verified: true, designations: [],
  });
  const admin = await dataSource.getRepository(User).save({
    email: DEMO_ADMIN_EMAIL, passwordHash: await hashPassword(DEMO_PASSWORD), displayName: '平台管理员',
    role: Role.PLATFORM_ADMIN, organizationId: platform.id, orgAdmin: true, jurisdictionCode: null,
  });
  const actor = principalOf(admin);
  const logins: DemoLogin[] = [{ role: Role.PLATFORM_ADMIN, email: DEMO_ADMIN_EMAIL, password: DEMO_PASSWORD, organization: platform.legalName }];

  for (const [index, demo] of DEMO_ORGANIZATIONS.entries()) {
    const organization = await auth.createOrganization(actor, {
      kind: demo.kind, legalName: demo.legalName, nameEn: demo.nameEn, creditCode: makeCreditCode(demo.region, 1000 + index),
      jurisdictionCode: demo.jurisdictionCode ?? null,
      admin: { email: demo.email, password: DEMO_PASSWORD, displayName: demo.nameEn },
    });
    for (const plant of demo.plants) {
      await organizations.createSite(actor, {
        organizationId: organization.id, name: plant.name, countryCode: plant.countryCode ?? 'CN', regionCode: plant.regionCode,
        address: plant.address ?? '', lat: plant.lat ?? null, lon: plant.lon ?? null,
      });
    }
    logins.push({ role: ROLE_OF_KIND[demo.kind], email: demo.email, password: DEMO_PASSWORD, organization: demo.legalName });
  }
  return logins;
}
