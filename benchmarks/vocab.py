"""Word lists for the synthetic project: Indonesian-looking, neutral, no verdict words.

Verdict words (benar, salah, keliru, hoaks, ...) stay out of these lists so that
generated `claim_short` texts never contain them.
"""

# Everyday words for running text, roughly from most to least frequent.
WORDS = ["yang", "dan", "di", "ini", "itu", "dengan", "untuk", "dari", "dalam", "pada", "akan", "juga", "tersebut", "oleh", "tidak", "ada", "kami", "mereka", "sebagai", "karena", "bahwa", "telah", "dapat", "lebih", "atau", "saat", "setelah", "masih", "sudah", "menurut", "hanya", "secara", "antara", "hingga", "namun", "bagi", "kata", "para", "tahun", "pemerintah", "data", "laporan", "jumlah", "warga", "negara", "daerah", "kota", "provinsi", "presiden", "menteri", "kepala", "masyarakat", "anggaran", "program", "kebijakan", "rencana", "proyek", "bantuan", "harga", "pasar", "sekolah", "rumah", "sakit", "pasien", "dokter", "vaksin", "obat", "penyakit", "kasus", "angka", "persen", "juta", "miliar", "triliun", "rupiah", "dolar", "ekspor", "impor", "produksi", "beras", "minyak", "listrik", "bensin", "jalan", "tol", "bandara", "pelabuhan", "kereta", "banjir", "gempa", "hujan", "cuaca", "iklim", "hutan", "lahan", "tambang", "nikel", "batu", "bara", "pajak", "utang", "bank", "inflasi", "ekonomi", "pertumbuhan", "pekerja", "buruh", "upah", "guru", "siswa", "kampus", "penelitian", "lembaga", "badan", "komisi", "dewan", "partai", "pemilu", "suara", "calon", "kampanye", "debat", "survei", "hasil", "dokumen", "peraturan", "undang", "keputusan", "sidang", "pengadilan", "polisi", "jaksa", "hakim", "tersangka", "perkara", "korupsi", "dana", "desa", "kecamatan", "wilayah", "pulau", "laut", "nelayan", "petani", "pupuk", "panen", "sawah", "ternak", "daging", "gula", "garam", "kedelai", "jagung", "air", "bersih", "sampah", "plastik", "limbah", "energi", "surya", "angin", "kendaraan", "motor", "mobil", "bus", "penumpang", "perjalanan", "wisata", "turis", "hotel", "budaya", "bahasa", "agama", "media", "berita", "video", "foto", "unggahan", "akun", "pesan", "grup", "tautan", "situs", "aplikasi", "internet", "jaringan", "sinyal", "telepon", "digital", "platform", "pengguna", "informasi", "keterangan", "pernyataan", "wawancara", "pidato", "rapat", "konferensi", "pers", "resmi", "sumber", "pejabat", "juru", "bicara", "kementerian", "dinas", "direktur", "ketua", "anggota", "pengamat", "peneliti", "ahli", "akademisi", "menyebut", "mengatakan", "menjelaskan", "menambahkan", "menunjukkan", "mencatat", "melaporkan", "menerbitkan", "mengumumkan", "membantah", "mengonfirmasi", "memeriksa", "membandingkan", "meningkat", "menurun", "naik", "turun", "tetap", "berubah", "mencapai", "sekitar", "hampir", "lebih", "kurang", "tinggi", "rendah", "besar", "kecil", "baru", "lama", "awal", "akhir", "pertama", "kedua", "ketiga", "terakhir", "sebelumnya", "berikutnya", "bulan", "pekan", "hari", "minggu", "kuartal", "semester", "periode", "tahunan", "nasional", "lokal", "internasional", "global", "regional", "pusat", "utama", "umum", "khusus", "resmi", "penting", "jelas", "lengkap", "terbaru", "rinci", "tertentu", "berbeda", "sama", "serupa", "sejumlah", "beberapa", "banyak", "sedikit", "seluruh", "sebagian", "setiap", "masing", "bersama", "terkait", "soal", "mengenai", "tentang", "terhadap", "melalui", "tanpa", "selama", "sejak", "sampai", "ketika", "sehingga", "meskipun", "walaupun", "bahkan", "justru", "tetapi", "kemudian", "lalu", "juga", "pun", "lagi", "sekali", "catatan", "tabel", "grafik", "statistik", "sensus", "indeks", "rasio", "tingkat", "rata", "target", "realisasi", "alokasi", "belanja", "pendapatan", "penerimaan", "subsidi", "tarif", "biaya", "nilai", "volume", "kapasitas"]

# Words that make good headlines and tag slugs (topics).
TOPICS = ["kesehatan", "vaksinasi", "pemilu", "ekonomi", "pendidikan", "lingkungan", "energi", "pangan", "pertanian", "perikanan", "infrastruktur", "transportasi", "pariwisata", "perdagangan", "ekspor", "impor", "pajak", "anggaran", "utang", "inflasi", "pekerjaan", "upah", "korupsi", "hukum", "polisi", "pengadilan", "keamanan", "pertahanan", "diplomasi", "migrasi", "perumahan", "air", "sanitasi", "sampah", "iklim", "banjir", "gempa", "kebakaran", "hutan", "tambang", "nikel", "minyak", "gas", "listrik", "internet", "media", "sosial", "teknologi", "sains", "sejarah", "agama", "budaya", "olahraga", "sepak", "bola", "bencana", "pandemi", "rumah", "sakit", "obat", "gizi", "stunting", "sekolah", "kampus", "beasiswa", "subsidi", "bansos", "desa", "kota", "jalan", "tol", "kereta", "bandara", "pelabuhan", "laut", "pulau", "perbatasan", "investasi", "saham", "bank", "rupiah"]

# Place names for titles, source publishers and appearances.
PLACES = ["Jakarta", "Surabaya", "Bandung", "Medan", "Semarang", "Makassar", "Palembang", "Denpasar", "Yogyakarta", "Pontianak", "Banjarmasin", "Manado", "Padang", "Pekanbaru", "Jambi", "Bengkulu", "Lampung", "Kupang", "Mataram", "Ambon", "Jayapura", "Sorong", "Kendari", "Palu", "Gorontalo", "Ternate", "Samarinda", "Balikpapan", "Tarakan", "Serang", "Cirebon", "Malang", "Solo", "Bogor", "Tangerang", "Bekasi", "Depok", "Batam", "Aceh"]

FIRST_NAMES = ["Adi", "Agus", "Ahmad", "Andi", "Anita", "Arief", "Ayu", "Bambang", "Bayu", "Budi", "Cahya", "Citra", "Dedi", "Desi", "Dewi", "Dian", "Dimas", "Eka", "Endang", "Fajar", "Fitri", "Gilang", "Hadi", "Hana", "Hendra", "Indah", "Indra", "Intan", "Joko", "Kartika", "Komang", "Kurnia", "Lestari", "Lina", "Made", "Maya", "Mega", "Nanda", "Nur", "Nyoman", "Putri", "Rahmat", "Ratna", "Reza", "Rina", "Rizki", "Sari", "Sekar", "Siti", "Slamet", "Sri", "Teguh", "Tri", "Utami", "Wahyu", "Wati", "Yanti", "Yogi", "Yudi", "Yusuf", "Zainal"]

LAST_NAMES = ["Santoso", "Wijaya", "Saputra", "Hidayat", "Nugroho", "Kurniawan", "Pratama", "Setiawan", "Wibowo", "Susanto", "Gunawan", "Hakim", "Halim", "Harahap", "Hutapea", "Lubis", "Nasution", "Siregar", "Simanjuntak", "Sitompul", "Tanjung", "Pane", "Manurung", "Sinaga", "Purba", "Ginting", "Tarigan", "Sembiring", "Rahman", "Syahputra", "Firmansyah", "Ramadhan", "Permana", "Hasibuan", "Batubara", "Wirawan", "Utomo", "Suryadi", "Kusuma", "Mahendra", "Anggraini", "Lestari", "Rahayu", "Puspita", "Maharani", "Wulandari", "Handayani", "Fauzi", "Iskandar", "Salim"]

ROLES = [
    "Anggota DPR", "Gubernur", "Wali kota", "Bupati", "Menteri", "Juru bicara partai",
    "Pengamat ekonomi", "Pemengaruh media sosial", "Kepala dinas", "Ketua organisasi warga",
    "Calon legislatif", "Pengusaha", "Aktivis lingkungan", "Dosen", "Tokoh agama",
]

ORG_KINDS = [
    "Kementerian", "Badan", "Lembaga", "Komisi", "Dinas", "Pusat Studi", "Yayasan",
    "Asosiasi", "Serikat", "Institut",
]

OUTLET_WORDS = [
    "Kabar", "Warta", "Berita", "Suara", "Harian", "Pos", "Tribun", "Media", "Radar",
    "Lintas", "Gema", "Fokus", "Sorot", "Jurnal", "Obrolan", "Halo",
]

DOMAINS = ("example.org", "example.com", "example.net")

APPEARANCE_KINDS = [
    "Unggahan di Facebook", "Unggahan di X", "Video di TikTok", "Video di YouTube",
    "Pesan berantai WhatsApp", "Unggahan di Instagram", "Siaran pers", "Wawancara televisi",
]

MONTHS = [
    "Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus",
    "September", "Oktober", "November", "Desember",
]
