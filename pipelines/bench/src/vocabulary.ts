import { anatomyRegions, anatomyTerms, ANATOMY_SLUGS, DIMENSIONALITY_SLUGS, MODALITY_SLUGS, modalityTerms, TASK_SLUGS, taskTerms } from '@imcat/vocab';

/**
 * The words and vocabulary terms synthetic datasets are made of. Every
 * modality, anatomy, task and dimensionality slug is checked against
 * @imcat/vocab when this module loads, so the generator only ever draws real
 * vocabulary terms.
 */

export interface Theme {
  key: string;
  weight: number;
  modalities: string[];
  anatomy: string[];
  dims: string[];
  tasks: string[];
  /** Words that open a long name ("Liver Tumor Segmentation"). */
  subjects: string[];
  findings: string[];
  /** A qualifier a subset of such a dataset goes by, with the modality it then has ("CHAOS-MRI" → mr). */
  qualifiers: { word: string; modality: string | null }[];
}

export const THEMES: Theme[] = [
  { key: 'ct-liver', weight: 5, modalities: ['ct'], anatomy: ['liver'], dims: ['3d'], tasks: ['segmentation'], subjects: ['Liver', 'Hepatic', 'Hepatobiliary', 'Portal'], findings: ['Tumor', 'Lesion', 'Vessel', 'Metastasis', 'Steatosis', 'Cirrhosis', 'Carcinoma'], qualifiers: [{ word: 'MRI', modality: 'mr' }, { word: 'Lite', modality: null }] },
  { key: 'ct-kidney', weight: 4, modalities: ['ct'], anatomy: ['kidney'], dims: ['3d'], tasks: ['segmentation'], subjects: ['Kidney', 'Renal', 'Nephric', 'Urologic'], findings: ['Tumor', 'Stone', 'Cyst', 'Mass', 'Calculus', 'Neoplasm'], qualifiers: [{ word: 'MRI', modality: 'mr' }] },
  { key: 'ct-pancreas', weight: 3, modalities: ['ct'], anatomy: ['pancreas'], dims: ['3d'], tasks: ['segmentation'], subjects: ['Pancreas', 'Pancreatic', 'Peripancreatic'], findings: ['Tumor', 'Cyst', 'Duct', 'Neoplasm', 'Adenocarcinoma', 'Inflammation'], qualifiers: [{ word: 'MRI', modality: 'mr' }] },
  { key: 'ct-lung', weight: 7, modalities: ['ct'], anatomy: ['lung'], dims: ['3d'], tasks: ['detection', 'segmentation'], subjects: ['Lung', 'Pulmonary', 'Thoracic', 'Bronchial', 'Pleural'], findings: ['Nodule', 'Embolism', 'Fibrosis', 'Airway', 'Emphysema', 'Infection', 'Effusion', 'Lobe'], qualifiers: [{ word: 'PET', modality: 'pet' }, { word: 'Mini', modality: null }] },
  { key: 'ct-abdomen', weight: 5, modalities: ['ct'], anatomy: ['abdomen', 'liver', 'kidney', 'spleen', 'pancreas'], dims: ['3d'], tasks: ['segmentation'], subjects: ['Abdominal', 'Visceral', 'Multiorgan', 'Retroperitoneal', 'Peritoneal'], findings: ['Organ', 'Structure', 'Anatomy', 'Trauma', 'Injury', 'Fat', 'Muscle'], qualifiers: [{ word: 'MRI', modality: 'mr' }, { word: 'Plus', modality: null }] },
  { key: 'mr-brain', weight: 12, modalities: ['mr'], anatomy: ['brain'], dims: ['3d'], tasks: ['segmentation', 'classification'], subjects: ['Brain', 'Cerebral', 'Neural', 'Cortical', 'Intracranial', 'Hippocampal', 'Neonatal', 'Cerebrovascular'], findings: ['Tumor', 'Glioma', 'Stroke', 'Hemorrhage', 'Aneurysm', 'Atrophy', 'Connectivity', 'Lesion', 'Sclerosis', 'Dementia', 'Infarct', 'Development'], qualifiers: [{ word: 'CT', modality: 'ct' }, { word: 'PET', modality: 'pet' }] },
  { key: 'mr-prostate', weight: 3, modalities: ['mr'], anatomy: ['prostate'], dims: ['3d'], tasks: ['segmentation', 'classification'], subjects: ['Prostate', 'Prostatic', 'Periprostatic'], findings: ['Cancer', 'Gland', 'Zone', 'Carcinoma', 'Biopsy', 'Capsule'], qualifiers: [{ word: 'US', modality: 'ultrasound' }] },
  { key: 'mr-heart', weight: 4, modalities: ['mr'], anatomy: ['heart'], dims: ['3d'], tasks: ['segmentation'], subjects: ['Cardiac', 'Ventricular', 'Myocardial', 'Atrial', 'Coronary'], findings: ['Function', 'Scar', 'Motion', 'Infarction', 'Chamber', 'Perfusion', 'Strain', 'Wall'], qualifiers: [{ word: 'CT', modality: 'ct' }] },
  { key: 'mr-knee', weight: 2, modalities: ['mr'], anatomy: ['joint'], dims: ['3d'], tasks: ['segmentation', 'classification'], subjects: ['Knee', 'Cartilage', 'Meniscal', 'Shoulder', 'Ligament'], findings: ['Tear', 'Injury', 'Osteoarthritis', 'Defect', 'Effusion'], qualifiers: [{ word: 'Xray', modality: 'xray' }] },
  { key: 'xray-chest', weight: 9, modalities: ['xray'], anatomy: ['chest'], dims: ['2d'], tasks: ['classification', 'detection'], subjects: ['Chest', 'Thoracic', 'Radiographic', 'Portable', 'Frontal', 'Pediatric'], findings: ['Pneumonia', 'Tuberculosis', 'Finding', 'Pathology', 'Pneumothorax', 'Opacity', 'Cardiomegaly', 'Consolidation', 'Atelectasis', 'Abnormality'], qualifiers: [{ word: 'CT', modality: 'ct' }, { word: 'Mini', modality: null }] },
  { key: 'mg-breast', weight: 4, modalities: ['mammography'], anatomy: ['breast'], dims: ['2d'], tasks: ['classification', 'detection'], subjects: ['Breast', 'Mammographic', 'Screening', 'Tomosynthesis'], findings: ['Mass', 'Calcification', 'Density', 'Cancer', 'Asymmetry', 'Distortion', 'Lesion'], qualifiers: [{ word: 'US', modality: 'ultrasound' }, { word: 'MRI', modality: 'mr' }] },
  { key: 'us-mixed', weight: 4, modalities: ['ultrasound'], anatomy: ['thyroid', 'breast', 'heart'], dims: ['2d'], tasks: ['segmentation', 'classification'], subjects: ['Thyroid', 'Sonographic', 'Echocardiographic', 'Obstetric', 'Vascular'], findings: ['Nodule', 'Plane', 'View', 'Lesion', 'Biometry', 'Plaque', 'Flow'], qualifiers: [{ word: 'Video', modality: null }] },
  { key: 'endo-colon', weight: 4, modalities: ['endoscopy'], anatomy: ['colon'], dims: ['2d', 'video'], tasks: ['segmentation', 'detection'], subjects: ['Colonoscopic', 'Gastrointestinal', 'Colorectal', 'Gastric', 'Esophageal', 'Duodenal'], findings: ['Polyp', 'Bleeding', 'Frame', 'Ulcer', 'Adenoma', 'Landmark', 'Inflammation'], qualifiers: [{ word: 'SEG', modality: null }, { word: 'Capsule', modality: null }] },
  { key: 'fundus-retina', weight: 5, modalities: ['fundus'], anatomy: ['retina'], dims: ['2d'], tasks: ['segmentation', 'classification'], subjects: ['Retinal', 'Fundus', 'Ocular', 'Ophthalmic', 'Optic'], findings: ['Vessel', 'Disc', 'Glaucoma', 'Retinopathy', 'Exudate', 'Hemorrhage', 'Microaneurysm', 'Cup'], qualifiers: [{ word: 'OCT', modality: 'oct' }] },
  { key: 'oct-retina', weight: 3, modalities: ['oct'], anatomy: ['retina'], dims: ['3d'], tasks: ['segmentation', 'classification'], subjects: ['Macular', 'Choroidal', 'Foveal', 'Tomographic'], findings: ['Layer', 'Fluid', 'Edema', 'Drusen', 'Degeneration', 'Thickness'], qualifiers: [{ word: 'Fundus', modality: 'fundus' }] },
  { key: 'derm-skin', weight: 4, modalities: ['dermoscopy'], anatomy: ['skin'], dims: ['2d'], tasks: ['classification', 'segmentation'], subjects: ['Skin', 'Dermoscopic', 'Cutaneous', 'Dermatologic', 'Pigmented'], findings: ['Lesion', 'Melanoma', 'Nevus', 'Carcinoma', 'Keratosis', 'Wound', 'Rash'], qualifiers: [{ word: 'Clinical', modality: 'photography' }] },
  { key: 'histo', weight: 7, modalities: ['histopathology'], anatomy: ['breast', 'prostate', 'lymph-node', 'colon'], dims: ['2d'], tasks: ['classification', 'segmentation'], subjects: ['Histology', 'Histopathologic', 'Tissue', 'Slide', 'Immunohistochemical', 'Cytologic'], findings: ['Metastasis', 'Gland', 'Grade', 'Mitosis', 'Invasion', 'Stroma', 'Lymphocyte', 'Margin'], qualifiers: [{ word: 'Patch', modality: null }] },
  { key: 'micro-cell', weight: 4, modalities: ['microscopy'], anatomy: ['cell', 'blood'], dims: ['2d'], tasks: ['segmentation', 'detection'], subjects: ['Cell', 'Cellular', 'Hematologic', 'Fluorescent', 'Bacterial'], findings: ['Nuclei', 'Organelle', 'Morphology', 'Lineage', 'Division', 'Colony', 'Membrane'], qualifiers: [{ word: '3D', modality: null }] },
  { key: 'pet-wholebody', weight: 3, modalities: ['pet', 'ct'], anatomy: ['whole-body'], dims: ['3d'], tasks: ['segmentation', 'detection'], subjects: ['Oncologic', 'Lymphoma', 'Metabolic', 'Theranostic'], findings: ['Uptake', 'Lesion', 'Tumor', 'Burden', 'Response', 'Staging'], qualifiers: [{ word: 'MRI', modality: 'mr' }] },
  { key: 'ct-spine', weight: 3, modalities: ['ct'], anatomy: ['spine', 'bone'], dims: ['3d'], tasks: ['segmentation', 'detection'], subjects: ['Spinal', 'Vertebral', 'Skeletal', 'Lumbar', 'Pelvic'], findings: ['Fracture', 'Vertebra', 'Alignment', 'Metastasis', 'Scoliosis', 'Disc', 'Osteoporosis'], qualifiers: [{ word: 'MRI', modality: 'mr' }] },
  { key: 'xray-dental', weight: 2, modalities: ['xray'], anatomy: ['teeth'], dims: ['2d'], tasks: ['segmentation', 'detection'], subjects: ['Dental', 'Panoramic', 'Periapical', 'Maxillofacial', 'Cephalometric'], findings: ['Caries', 'Tooth', 'Implant', 'Restoration', 'Canal', 'Landmark'], qualifiers: [{ word: 'CT', modality: 'ct' }] },
  { key: 'hn-ct', weight: 3, modalities: ['ct', 'mr'], anatomy: ['head-neck'], dims: ['3d'], tasks: ['segmentation'], subjects: ['Oropharyngeal', 'Nasopharyngeal', 'Laryngeal', 'Salivary', 'Cervical'], findings: ['Cancer', 'Organ', 'Tumor', 'Risk', 'Node', 'Carcinoma'], qualifiers: [{ word: 'PET', modality: 'pet' }] },
];

export const TASK_WORDS = [
  'Segmentation', 'Detection', 'Classification', 'Analysis', 'Quantification', 'Localization', 'Grading', 'Screening',
  'Registration', 'Reconstruction', 'Tracking', 'Assessment', 'Estimation', 'Characterization', 'Annotation', 'Prediction',
  'Recognition', 'Delineation', 'Parsing', 'Mapping',
];
/** Leading words of long names: adjectives, and the places and institutions datasets are named after. */
export const LEAD_WORDS = [
  'Automated', 'Multimodal', 'Large', 'Pediatric', 'Longitudinal', 'International', 'Annotated', 'Federated', 'Global',
  'Unified', 'Robust', 'Rapid', 'Comprehensive', 'Diverse', 'Normative', 'Harmonized', 'Synthetic', 'Volumetric', 'Quantitative',
  'Stanford', 'Shenzhen', 'Montgomery', 'Radboud', 'Karolinska', 'Utrecht', 'Zurich', 'Beijing', 'Boston', 'Toronto', 'Oxford',
  'Heidelberg', 'Kyoto', 'Seoul', 'Madrid', 'Lyon', 'Leiden', 'Munich', 'Geneva', 'Tehran', 'Sydney', 'Chicago', 'Houston',
  'Vienna', 'Milan', 'Porto', 'Ghent', 'Aarhus', 'Bergen', 'Cambridge', 'Lisbon', 'Osaka', 'Nanjing', 'Wuhan', 'Dresden',
];
/** Words a long name may end with that the resolver's core name drops ("… Challenge", "… Dataset"). */
export const TAIL_WORDS = ['Challenge', 'Benchmark', 'Dataset', 'Database', 'Archive', 'Collection', 'Study', 'Project', 'Cohort'];
/** Organiser prefixes ("MICCAI BraTS 2021"), all words the resolver drops from a core name. */
export const ORG_WORDS = ['MICCAI', 'ISBI', 'NIH', 'TCIA', 'Kaggle', 'NCI'];
/** Parts of one collection ("PANDA Radboud" / "PANDA Karolinska"). */
export const PART_WORDS = [
  'Radboud', 'Karolinska', 'Stanford', 'Utrecht', 'Zurich', 'Toronto', 'Heidelberg', 'Montreal', 'Barcelona', 'Edinburgh',
  'Nijmegen', 'Rotterdam', 'Singapore', 'Melbourne', 'Michigan', 'Pittsburgh', 'Philadelphia', 'Baltimore', 'Rochester', 'Glasgow',
];
/** Second halves of compound names ("PadChest", "DeepLesion", "MosMed"). */
export const COMPOUND_WORDS = ['Chest', 'Derm', 'Path', 'Scan', 'Med', 'Net', 'Vision', 'Atlas', 'Lesion', 'Cell', 'Eye', 'Bone', 'Brain', 'Heart', 'Onco', 'Rad'];

const ONSETS = ['b', 'c', 'd', 'f', 'g', 'h', 'k', 'l', 'm', 'n', 'p', 'r', 's', 't', 'v', 'z', 'br', 'ch', 'cl', 'dr', 'fl', 'gr', 'kr', 'pl', 'st', 'tr', 'sh', 'th', 'qu', 'j'];
const VOWELS = ['a', 'e', 'i', 'o', 'u', 'a', 'e', 'o', 'ai', 'ea', 'ou'];
const CODAS = ['', '', '', '', 'n', 'r', 's', 'x', 'l', 'm', 't', 'k', 'nd', 'rt'];
export const SYLLABLE_PARTS = { ONSETS, VOWELS, CODAS };

export const PORTAL_URLS = [
  'https://www.kaggle.com/datasets',
  'https://grand-challenge.org/challenges/',
  'https://www.cancerimagingarchive.net/browse-collections/',
  'https://paperswithcode.com/datasets',
  'https://physionet.org/about/database/',
  'https://github.com/sfikas/medical-imaging-datasets',
  'https://zenodo.org/communities/medical-imaging',
  'https://www.synapse.org/',
  'https://medicaldecathlon.com/',
  'https://openneuro.org/',
];

export const LICENSES = [
  ['CC BY 4.0', 6],
  ['CC BY-NC-SA 4.0', 4],
  ['CC BY-NC 4.0', 3],
  ['CC0', 2],
  ['custom', 2],
  ['MIT', 1],
  ['ODbL', 1],
] as const;
export const ACCESS = [
  ['open', 6],
  ['registration', 3],
  ['restricted', 1],
] as const;

const modalityBySlug = new Map(modalityTerms.map((t) => [t.slug, t]));
const anatomyBySlug = new Map(anatomyTerms.map((t) => [t.slug, t]));
const regionBySlug = new Map(anatomyRegions.map((r) => [r.slug, r]));
const taskBySlug = new Map(taskTerms.map((t) => [t.slug, t]));

function check(kind: string, slugs: readonly string[], used: string[]): void {
  for (const s of used) if (!slugs.includes(s)) throw new Error(`synthetic ${kind} "${s}" is not a vocabulary term`);
}
for (const t of THEMES) {
  check('modality', MODALITY_SLUGS, [...t.modalities, ...t.qualifiers.flatMap((q) => (q.modality ? [q.modality] : []))]);
  check('anatomy', ANATOMY_SLUGS, t.anatomy);
  check('dimensionality', DIMENSIONALITY_SLUGS, t.dims);
  check('task', TASK_SLUGS, t.tasks);
}
export const ALL_MODALITIES = [...MODALITY_SLUGS].filter((m) => m !== 'other');

const cap = (s: string) => s.replace(/(^|[\s-])([a-z])/g, (_, p: string, c: string) => p + c.toUpperCase());

/** Modality as a source writes it: a code ("CT", "MR"), the vocabulary label, a DICOM code, or a common synonym. */
export function modalityText(slug: string, style: 'code' | 'label' | 'dicom' | 'word'): string {
  const t = modalityBySlug.get(slug);
  if (!t) return slug;
  switch (style) {
    case 'code':
      return t.synonyms[0]!.length <= 4 ? t.synonyms[0]!.toUpperCase() : cap(t.synonyms[0]!);
    case 'label':
      return t.label;
    case 'dicom':
      return t.dicom ?? t.synonyms[0]!.toUpperCase();
    case 'word':
      return slug === 'mr' ? 'MRI' : slug === 'xray' ? 'X-ray' : t.synonyms[0]!.length <= 4 ? t.synonyms[0]!.toUpperCase() : cap(t.synonyms[0]!);
  }
}

/** Anatomy as a source writes it: the term's own word ("Liver") or its region's label ("Abdomen"). */
export function anatomyText(slug: string, level: 'term' | 'region'): string {
  const t = anatomyBySlug.get(slug);
  if (!t) return slug;
  if (level === 'region') {
    const r = regionBySlug.get(t.region);
    if (r && t.region !== 'cellular') return r.label.replace(/\s*\(.*\)$/, '');
  }
  return cap(t.synonyms[0]!);
}

export function taskText(slug: string, short: boolean): string {
  const t = taskBySlug.get(slug);
  if (!t) return slug;
  return short && t.synonyms[1] && t.synonyms[1].length <= 4 ? cap(t.synonyms[1]) : t.label.split(' ')[0]!;
}
