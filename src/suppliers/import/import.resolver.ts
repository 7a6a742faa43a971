import { Args, Mutation, Resolver } from '@nestjs/graphql';
import { MaxLength } from 'class-validator';
import { ArgsType, Field } from '@nestjs/graphql';
import { SupplierImportService } from './supplier-import.service.js';
import { ImportReportModel } from './import.models.js';
import { CurrentUser, Roles } from '../../access/access.decorator.js';
import { Role, type Principal } from '../../access/role.js';
import { IsCsvText } from '../../common/text-fields.js';

@ArgsType()
class ImportSuppliersArgs {
  @Field({ description: 'The CSV text (UTF-8, header row; columns in seeds/suppliers-example.csv), up to 250,000 characters (a request is at most 256 KB). Larger files: POST /imports/suppliers (text/csv, 20 MB) or npm run import:suppliers.' })
  @IsCsvText()
  @MaxLength(250_000)
  csv: string;
}

@Resolver()
export class SupplierImportResolver {
  constructor(private readonly imports: SupplierImportService) {}

  @Roles(Role.PLATFORM_ADMIN, Role.BUREAU_ANALYST)
  @Mutation(() => ImportReportModel, { description: 'Imports suppliers, plants, capabilities and certificates; re-importing the same file changes nothing.' })
  importSuppliers(@CurrentUser() actor: Principal, @Args() args: ImportSuppliersArgs): Promise<ImportReportModel> {
    return this.imports.importCsv(actor, args.csv);
  }
}
