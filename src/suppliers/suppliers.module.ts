import { Module } from '@nestjs/common';
import { SupplierProfileService } from './supplier-profile.service.js';
import { SupplierImportService } from './import/supplier-import.service.js';
import { SupplierImportResolver } from './import/import.resolver.js';
import { SupplierImportController } from './import/import.controller.js';
import { CapabilityFieldsResolver, CertificationFieldsResolver, SupplierProfileResolver } from './suppliers.resolver.js';

@Module({
  controllers: [SupplierImportController],
  providers: [SupplierProfileService, SupplierProfileResolver, CapabilityFieldsResolver, CertificationFieldsResolver, SupplierImportService, SupplierImportResolver],
  exports: [SupplierProfileService, SupplierImportService],
})
export class SuppliersModule {}
